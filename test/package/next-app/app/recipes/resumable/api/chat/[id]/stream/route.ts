export { GET } from '../../../../../../../recipes/next/resumable/app/api/chat/[id]/stream/route';
