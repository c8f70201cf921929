// A server component (no 'use client' here): ChatWindow is a client component because the package's entry says so.
import { ChatWindow } from 'react-chat-stream';

export default function Page() {
  return (
    <main style={{ height: '90vh' }}>
      <h1>Next.js fixture</h1>
      <ChatWindow
        api="/api/chat"
        protocol="text"
        placeholder="Ask the route handler"
        initialMessages={[{ id: 'welcome', role: 'assistant', content: 'Welcome from a **server component**', status: 'done' }]}
      />
    </main>
  );
}
