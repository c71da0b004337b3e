export function OverviewPage() {
  return <div className="page"><h1>Operations overview</h1></div>;
}
