export function WebhookEventsPage() {
  return <div className="page"><h1>WebhookEventsPage</h1></div>;
}
