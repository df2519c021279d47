export function App() {
  return (
    <>
      <header>agw</header>
      <main>
        <h1>Overview</h1>
      </main>
    </>
  );
}
