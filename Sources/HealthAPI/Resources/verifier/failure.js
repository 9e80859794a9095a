// One verification failure: a stable code, the same string `healthctl cert verify --json` reports.
export class Failure extends Error {
  constructor(code, reason) {
    super(`${code}: ${reason}`);
    this.code = code;
  }
}

export const fail = (code, reason) => {
  throw new Failure(code, reason);
};
