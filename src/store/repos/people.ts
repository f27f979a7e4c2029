import type { Person } from '../../core/domain.js';
import type { PersonRepo } from '../../core/ports.js';
import { toPerson } from '../mappers.js';
import { type Db, onlyRow } from './db.js';

type PersonPatch = Partial<Pick<Person, 'displayName' | 'locale' | 'timeZone'>>;

export class PrismaPersonRepo implements PersonRepo {
  constructor(private readonly db: Db) {}

  async get(organisationId: string, id: string): Promise<Person | null> {
    const row = await this.db.person.findFirst({ where: { id, organisationId } });
    return row ? toPerson(row) : null;
  }

  async create(person: Person): Promise<Person> {
    const row = await this.db.person.create({
      data: {
        id: person.id,
        organisationId: person.organisationId,
        displayName: person.displayName,
        locale: person.locale,
        timeZone: person.timeZone,
      },
    });
    return toPerson(row);
  }

  async update(organisationId: string, id: string, patch: PersonPatch): Promise<Person> {
    const { displayName, locale, timeZone } = patch;
    const rows = await this.db.person.updateManyAndReturn({
      where: { id, organisationId },
      data: { displayName, locale, timeZone },
    });
    return toPerson(onlyRow(rows, 'person', organisationId, id));
  }
}
