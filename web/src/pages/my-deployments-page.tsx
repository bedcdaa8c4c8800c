export default function Page() {
  return <div className="page"><h1>my-deployments-page</h1></div>;
}
