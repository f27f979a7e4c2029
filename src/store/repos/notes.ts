/**
 * Private notes (PrivateNote): one per author, pair, guide and step. Every query names the
 * author's membership and the organisation, so no method can read someone else's note.
 */
import type { NoteContext, NoteKey, NotesRepo, PrivateNote } from '../../core/features/journey/ports.js';
import type { PrivateNote as NoteRow } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

const toNote = (row: NoteRow): PrivateNote => ({ ...row, context: row.context as NoteContext });
const where = (organisationId: string, key: NoteKey) => ({ organisationId, matchId: key.matchId, authorMembershipId: key.authorMembershipId, context: key.context, step: key.step });

export class PrismaNotesRepo implements NotesRepo {
  constructor(private readonly db: Db) {}

  async listByAuthor(organisationId: string, authorMembershipId: string, matchId: string, context: NoteContext): Promise<PrivateNote[]> {
    const rows = await this.db.privateNote.findMany({ where: { organisationId, authorMembershipId, matchId, context }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toNote);
  }

  async find(organisationId: string, key: NoteKey): Promise<PrivateNote | null> {
    const row = await this.db.privateNote.findFirst({ where: where(organisationId, key) });
    return row ? toNote(row) : null;
  }

  async save(note: PrivateNote): Promise<PrivateNote> {
    const { matchId, authorMembershipId, context, step } = note;
    // Edited in place: the unique key (pair, author, guide, step) keeps one row per step.
    const row = await this.db.privateNote.upsert({
      where: { matchId_authorMembershipId_context_step: { matchId, authorMembershipId, context, step }, organisationId: note.organisationId },
      create: { ...note },
      update: { text: note.text, updatedAt: note.updatedAt },
    });
    return toNote(row);
  }

  async remove(organisationId: string, key: NoteKey): Promise<boolean> {
    const { count } = await this.db.privateNote.deleteMany({ where: where(organisationId, key) });
    return count > 0;
  }

  async removeAllByAuthor(organisationId: string, authorMembershipId: string): Promise<number> {
    const { count } = await this.db.privateNote.deleteMany({ where: { organisationId, authorMembershipId } });
    return count;
  }
}
