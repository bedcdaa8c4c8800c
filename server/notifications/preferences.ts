// Per-person email preferences. Step 2 fills this in (daily digest); until then everyone
// gets each message as it happens.
export async function digestAddresses(_emails: string[]): Promise<ReadonlySet<string>> {
  return new Set();
}
