export function BriefingPage() {
  return <section className="page" data-testid="page-briefing" />;
}
