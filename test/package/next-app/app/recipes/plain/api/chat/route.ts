// The App Router recipe (examples/server/next, copied to ./recipes/next by the test), mounted at /recipes/plain/api/chat.
export { POST } from '../../../../../recipes/next/app/api/chat/route';
