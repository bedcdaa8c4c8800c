export default function Page() {
  return <div className="page"><h1>hub-page</h1></div>;
}
