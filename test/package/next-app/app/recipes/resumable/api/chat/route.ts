// The resumable App Router recipe (examples/server/next/resumable), mounted at /recipes/resumable/api/chat.
export { POST } from '../../../../../recipes/next/resumable/app/api/chat/route';
