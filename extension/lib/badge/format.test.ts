// Tests of the badge's text and title.
import { describe, expect, it } from 'vitest';
import { badgeFor, sumCounts } from './format';

describe('badgeFor', () => {
  it('shows the total and lists the types, most frequent first', () => {
    expect(badgeFor({ cn_id: 2, phone: 3 })).toEqual({
      text: '5',
      title: 'Custodian: 3 phone, 2 cn_id on this page',
    });
  });

  it('breaks ties in the schema order, so the title is stable', () => {
    expect(badgeFor({ email: 1, cn_id: 1, phone: 1 }).title).toBe(
      'Custodian: 1 cn_id, 1 phone, 1 email on this page',
    );
  });

  it('shows nothing on the badge when nothing was found', () => {
    expect(badgeFor({})).toEqual({
      text: '',
      title: 'Custodian: no customer information found on this page',
    });
    expect(badgeFor({ phone: 0 }).text).toBe('');
  });

  it('caps the badge text at four characters', () => {
    expect(badgeFor({ phone: 999 }).text).toBe('999');
    expect(badgeFor({ phone: 600, email: 400 }).text).toBe('999+');
  });
});

describe('sumCounts', () => {
  it('adds frames type by type and leaves out zeros', () => {
    expect(sumCounts([{ phone: 2 }, { phone: 1, email: 1 }, { cn_id: 0 }, {}])).toEqual({
      phone: 3,
      email: 1,
    });
  });
});
