// The official `openai` npm client against `serve --model`: a completion, a raw stream, the client's own stream
// accumulator, a model list and a refused request. Prints one JSON summary line; the xUnit test asserts on it.
// Env: TOOLRL_BASE_URL (…/v1), TOOLRL_MODEL, TOOLRL_MAX_TOKENS.
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.TOOLRL_BASE_URL, apiKey: 'not-needed', maxRetries: 0 });
const model = process.env.TOOLRL_MODEL;
const body = {
  model,
  messages: [
    { role: 'system', content: 'Answer with the tools.' },
    { role: 'user', content: 'What is the capital of France?' },
  ],
  tools: [{
    type: 'function',
    function: {
      name: 'get_capital',
      description: 'Returns the capital city of a country.',
      parameters: { type: 'object', properties: { country: { type: 'string' } }, required: ['country'] },
    },
  }],
  temperature: 0,
  max_tokens: Number(process.env.TOOLRL_MAX_TOKENS ?? 16),
  seed: 1,
};

const completion = await client.chat.completions.create(body);

const chunks = [];
const stream = await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } });
for await (const chunk of stream) chunks.push(chunk);

// The client's accumulator rebuilds a completion from the chunks and checks their shape as it goes.
const accumulated = await client.chat.completions.stream(body).finalChatCompletion();

const models = [];
for await (const m of client.models.list()) models.push(m.id);

let refused = null;
try {
  await client.chat.completions.create({ model, messages: [{ role: 'wizard', content: 'hi' }] });
} catch (e) {
  refused = { isBadRequest: e instanceof OpenAI.BadRequestError, status: e.status, message: e.error?.message ?? e.message };
}

console.log(JSON.stringify({ completion, chunks, accumulated, models, refused }));
