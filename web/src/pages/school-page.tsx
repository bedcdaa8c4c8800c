export default function Page() {
  return <div className="page"><h1>school-page</h1></div>;
}
