/** Marks a test order (sent with "Send test webhook"): it is shown but left out of figures and alerts. */
export function TestBadge() {
  return (
    <span
      className="badge badge-test"
      title="Test order: sent with “Send test webhook”; not counted in figures or alerts"
    >
      Test
    </span>
  );
}
