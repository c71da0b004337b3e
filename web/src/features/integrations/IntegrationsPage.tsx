export function IntegrationsPage() {
  return <div className="page"><h1>IntegrationsPage</h1></div>;
}
