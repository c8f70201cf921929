export { POST } from '../../../../../../../recipes/next/resumable/app/api/chat/[id]/stop/route';
