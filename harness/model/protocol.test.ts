// Tests of the protocol vocabulary: the eras split the revisions, ids compare by JSON type and value,
// and the schemas accept exactly the values their types name.

import { describe, expect, it } from 'vitest';
import {
  isJsonObject,
  isModern,
  Json,
  LEGACY_REVISIONS,
  MODERN_REVISIONS,
  RequestId,
  Revision,
  REVISIONS,
  sameId,
} from './protocol.js';

describe('protocol vocabulary', () => {
  it('every revision belongs to exactly one era, in order', () => {
    expect([...LEGACY_REVISIONS, ...MODERN_REVISIONS]).toEqual([...REVISIONS]);
    expect(REVISIONS.filter(isModern)).toEqual([...MODERN_REVISIONS]);
    expect(Revision.options).toEqual([...REVISIONS]);
  });

  it('ids are equal only when JSON type and value are equal', () => {
    expect(sameId(2, 2)).toBe(true);
    expect(sameId('2', 2)).toBe(false);
    expect(sameId(null, null)).toBe(false);
  });

  it('a request id is a string or an integer, never null or a fraction', () => {
    expect(RequestId.safeParse('').success).toBe(true);
    expect(RequestId.safeParse(-3).success).toBe(true);
    for (const bad of [null, 1.5, true, {}]) expect(RequestId.safeParse(bad).success).toBe(false);
  });

  it('Json takes any parsed JSON value; isJsonObject only objects', () => {
    expect(Json.safeParse(JSON.parse('{"a":[1,"x",null,{"b":false}]}')).success).toBe(true);
    expect(Json.safeParse(undefined).success).toBe(false);
    expect([{}, [], null, 'x'].map(isJsonObject)).toEqual([true, false, false, false]);
  });
});
