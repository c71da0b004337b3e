export function AlertsPage() {
  return <div className="page"><h1>AlertsPage</h1></div>;
}
