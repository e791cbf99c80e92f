// The official MCP TypeScript SDK client (Streamable HTTP) against `serve`'s /mcp: lists the tools and calls one
// that answers and one with a bad argument. Prints one JSON summary line; the xUnit test asserts on it.
// Env: TOOLRL_MCP_URL, TOOLRL_TOOL, TOOLRL_GOOD_ARGS, TOOLRL_BAD_ARGS (JSON objects).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const client = new Client({ name: 'toolrl-tests', version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(new URL(process.env.TOOLRL_MCP_URL)));
const { tools } = await client.listTools();
const tool = tools.find(t => t.name === process.env.TOOLRL_TOOL);
const good = await client.callTool({ name: process.env.TOOLRL_TOOL, arguments: JSON.parse(process.env.TOOLRL_GOOD_ARGS) });
const bad = await client.callTool({ name: process.env.TOOLRL_TOOL, arguments: JSON.parse(process.env.TOOLRL_BAD_ARGS) });
await client.close();
console.log(JSON.stringify({ names: tools.map(t => t.name), schema: tool?.inputSchema ?? null, good, bad }));
