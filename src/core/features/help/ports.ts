/** What the help feature reads besides memberships: messages that could not be delivered. */
import type { DeliveryFailure } from '../../outbox/sender.js';

/** Messages to one person that ended undelivered for one reason (from the outbox's audit entries). */
export interface UndeliveredSummary {
  personId: string;
  /** The person's name as the bot knows it. */
  displayName: string;
  reason: DeliveryFailure;
  count: number;
  /** When the newest of them was given up. */
  lastAt: Date;
}

export interface DeliveryRepo {
  /**
   * Messages given up since `since`, per recipient and reason, the most recent first: to the
   * members (any role or status) of the programmes `coordinatorId` actively coordinates, or, when
   * `coordinatorId` is null, to anyone in the organisation (what its administrators see).
   */
  undelivered(organisationId: string, coordinatorId: string | null, since: Date): Promise<UndeliveredSummary[]>;
}

export interface HelpRepos {
  deliveries: DeliveryRepo;
}
