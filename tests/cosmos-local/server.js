// Starts the patched server over plain HTTP on loopback with keep-alive (the CLI closes every connection, ~10x
// slower) and prints "READY <port>" for the test fixture. Port 0 picks a free one.
const { createHttpServer } = require('@vercel/cosmosdb-server');

const port = Number(process.argv[2] || 0);
const server = createHttpServer({ keepAlive: true }).listen(port, '127.0.0.1', () => {
  console.log(`READY ${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
// The test host holds our stdin; when it exits (even killed), stdin ends and so do we: no orphaned servers.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
