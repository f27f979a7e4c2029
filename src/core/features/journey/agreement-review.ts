/**
 * The agreement brought back: the seeds call it "a working paper you can return to", and the
 * roles say both "remind each other of agreements". Every REVIEW_DAYS after a version is
 * confirmed, while it is still the one in force and the pair still runs, both get its card again
 * with a word on how to change it. The check-ins (issue 14) will carry it too; until then this
 * is the pair's regular look at what they agreed.
 */
import type { JobKind } from '../../kernel/feature.js';
import type { Work } from '../../kernel/work.js';
import { DAY_MS } from '../matching/roster.js';
import { bothSides } from './agreement-confirm.js';
import { agreementCard, readContent } from './agreement-content.js';
import type { Agreement } from './ports.js';

export const REVIEW_DAYS = 90;
const REVIEW_JOB = ['journey', 'agreement-review'].join('.');

/** Called when a version is confirmed by both: its first look-back in REVIEW_DAYS. */
export const scheduleReview = (work: Work, agreement: Agreement, round = 1) =>
  work.schedule({
    kind: REVIEW_JOB,
    key: `agreement-review:${agreement.id}:${round}`,
    dueAt: new Date((agreement.confirmedAt ?? work.clock.now()).getTime() + round * REVIEW_DAYS * DAY_MS),
    payload: { agreementId: agreement.id, round },
  });

export const agreementReviewJob: JobKind = {
  kind: REVIEW_JOB,
  async run(work, job) {
    const org = work.organisation.id;
    const agreement = await work.repos.agreements.get(org, String(job.payload.agreementId ?? ''));
    if (!agreement) return;
    const inForce = await work.repos.agreements.inForce(org, agreement.matchId);
    // A newer version has its own look-backs; an ended pair gets none (bothSides is empty then).
    if (inForce?.id !== agreement.id) return;
    const sides = await bothSides(work, agreement.matchId, agreement.programmeId);
    if (sides.length === 0) return;
    const content = readContent(agreement.answers);
    const months = Math.round((Number(job.payload.round ?? 1) * REVIEW_DAYS) / 30);
    for (const { personId, pair } of sides) {
      await work.tell(personId, (t) => ({ ...agreementCard(t, content, agreement.version, pair.partnerName), context: [t('agreement.reviewAsk', { months, name: pair.partnerName })] }));
    }
    await scheduleReview(work, agreement, Number(job.payload.round ?? 1) + 1);
  },
};
