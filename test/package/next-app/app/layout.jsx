import 'react-chat-stream/styles.css';

export const metadata = { title: 'react-chat-stream in the App Router' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
