/**
 * Delivery Hero's middleware understands only 200, 201, 202, 400, 401, 429,
 * 500 and 502 (delivery-hero.md) and treats anything else as a broken plugin.
 * Every other status either side can send is mapped onto that list keeping
 * its meaning: "this request will not be taken as it is" (404, 409, 413, 415)
 * -> 400, "try again later" (503) -> 500. Data only: brand identities use it,
 * and they are read in the browser.
 */
export const DELIVERY_HERO_ANSWER_STATUSES = { 404: 400, 409: 400, 413: 400, 415: 400, 503: 500 } as const;

/** Every status the middleware understands. */
export const DELIVERY_HERO_UNDERSTOOD_STATUSES = [200, 201, 202, 400, 401, 429, 500, 502] as const;
