import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard talks to the gateway on the same origin: /graphql (HTTP and WebSocket)
// is proxied in development (`vite`) and in the demo (`vite preview`).
const gateway = process.env.NEXARA_GATEWAY_URL ?? 'http://localhost:4000';
const proxy = { '/graphql': { target: gateway, ws: true, changeOrigin: true } };

export default defineConfig({
  plugins: [react()],
  server: { port: 3000, proxy },
  preview: { port: 3000, proxy },
  build: { sourcemap: true },
});
