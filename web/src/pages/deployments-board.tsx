export default function Page() {
  return <div className="page"><h1>deployments-board</h1></div>;
}
