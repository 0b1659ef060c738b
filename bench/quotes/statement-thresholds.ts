export function statementThresholdSection(_d: unknown): string { return ""; }
