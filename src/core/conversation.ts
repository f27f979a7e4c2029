/**
 * Routes one inbound event: typed commands, answers to the question a flow waits on, clicks
 * on old questions, and "I don't understand" — always with a reply, never a silent drop.
 */
import { ALWAYS_COMMANDS, type Command, type CommandParser, normaliseJoinCode } from './commands.js';
import type { FlowRun } from './domain.js';
import type { AnswerOutcome, FlowEngine } from './engine/engine.js';
import type { Turn } from './engine/turn.js';
import { OPTION_SEPARATOR } from './flows/programme-steps.js';
import { MAX_TEXT_LENGTH, type InboundEvent } from './messages.js';
import { canCreateProgramme, membershipsWithProgrammes, showHelp, showProfile } from './views.js';

export class Conversation {
  constructor(
    private readonly engine: FlowEngine,
    private readonly commands: CommandParser,
  ) {}

  /** `known` is the person's active run when the caller has read it (null: none); undefined: read here. */
  async handle(turn: Turn, event: InboundEvent, known?: FlowRun | null): Promise<AnswerOutcome | null> {
    // Read once per turn and handed on; a person created in this turn has no runs to read.
    const active = known !== undefined || turn.firstContact ? (known ?? null) : await turn.repos.flowRuns.findActive(turn.organisation.id, turn.person.id);
    switch (event.kind) {
      case 'opened':
        turn.say({ key: 'help.welcome', params: { name: turn.person.displayName } });
        return showHelp(turn, this.engine, active).then(() => null);
      case 'choice':
      case 'form':
        if (!active || active.promptId !== event.promptId) return this.engine.stale(turn);
        return this.engine.answer(turn, active, event);
      case 'text': {
        if (event.text.length > MAX_TEXT_LENGTH) {
          turn.say({ key: 'errors.tooLong', params: { max: MAX_TEXT_LENGTH, length: event.text.length } });
          return { status: 'invalid' };
        }
        const command = this.commands.parse(event.text);
        const waitsForText = active !== null && this.engine.expectsText(turn, active);
        if (command && (!waitsForText || ALWAYS_COMMANDS.has(command.name))) return this.run(turn, command, active).then(() => null);
        if (active) return this.engine.answer(turn, active, event);
        turn.say({ key: 'help.notUnderstood' });
        return null;
      }
    }
  }

  /** `active` is the person's active run, read once at the start of the turn. */
  private async run(turn: Turn, command: Command, active: FlowRun | null): Promise<void> {
    switch (command.name) {
      case 'help':
        return showHelp(turn, this.engine, active);
      case 'profile':
        return showProfile(turn);
      case 'join':
        return this.join(turn, command.argument, active);
      case 'editProfile':
        return this.startAboutProgramme(turn, 'edit-profile', false, active);
      case 'leave':
        return this.startAboutProgramme(turn, 'leave', true, active);
      case 'newProgramme':
        if (!(await canCreateProgramme(turn))) return turn.say({ key: 'programme.notAllowed' });
        await this.engine.start(turn, 'create-programme', { active });
        return;
      case 'language':
        await this.engine.start(turn, 'language', { answers: { locales: [...turn.texts.locales()] }, active });
        return;
      case 'cancel':
        return this.cancel(turn, active);
    }
  }

  private async join(turn: Turn, argument: string, active: FlowRun | null): Promise<void> {
    const code = normaliseJoinCode(argument);
    if (!code) return turn.say({ key: 'join.needCode' });
    const programme = /^[A-Z0-9]{4,16}$/.test(code) ? await turn.repos.programmes.findByJoinCode(turn.organisation.id, code) : null;
    if (!programme || programme.status === 'closed') return turn.say({ key: 'join.unknownCode', params: { code: code.slice(0, 20) } });
    const existing = await turn.repos.memberships.find(turn.organisation.id, programme.id, turn.person.id);
    if (existing?.status === 'active') {
      return turn.say({ key: 'join.alreadyMember', params: { programme: programme.name } });
    }
    turn.say({ key: 'join.welcome', params: { programme: programme.name, purpose: programme.purpose } });
    await this.engine.start(turn, 'join', { programmeId: programme.id, answers: { programmeName: programme.name }, active });
  }

  /** Starts a flow about one of the person's programmes, asking which when there are several. */
  private async startAboutProgramme(turn: Turn, flowId: string, coordinatorsToo: boolean, active: FlowRun | null): Promise<void> {
    const mine = (await membershipsWithProgrammes(turn)).filter((m) => coordinatorsToo || m.membership.role !== 'coordinator');
    if (mine.length === 0) return turn.say({ key: 'profile.none' });
    const answers: Record<string, string | string[]> =
      mine.length === 1
        ? { programmeId: mine[0]?.programme.id ?? '' }
        : { choices: mine.map((m) => `${m.programme.id}${OPTION_SEPARATOR}${m.programme.name}`) };
    await this.engine.start(turn, flowId, { answers, active });
  }

  private async cancel(turn: Turn, active: FlowRun | null): Promise<void> {
    if (!active) return turn.say({ key: 'engine.nothingToCancel' });
    await this.engine.cancel(turn, active);
    turn.say({ key: 'engine.cancelled' });
  }
}
