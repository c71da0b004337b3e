import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import securityHeaders from './security-headers.json';

// The dashboard talks to the gateway on the same origin: /graphql (HTTP and WebSocket)
// is proxied in development (`vite`) and in the demo (`vite preview`).
const gateway = process.env.NEXARA_GATEWAY_URL ?? 'http://localhost:4000';
const proxy = { '/graphql': { target: gateway, ws: true, changeOrigin: true } };

// `vite preview` serves the built app as nginx does, with the same headers. The dev server
// injects inline scripts (React Refresh's preamble), so there the policy keeps only
// frame-ancestors; every other header is the same.
const devHeaders = { ...securityHeaders, 'Content-Security-Policy': "frame-ancestors 'none'" };

// The provider registry's browser entry is compiled from source with the app (it is data only).
const providersDisplay = fileURLToPath(new URL('../packages/providers/src/display.ts', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@nexara/providers/display': providersDisplay } },
  server: { port: 3000, proxy, headers: devHeaders },
  preview: { port: 3000, proxy, headers: securityHeaders },
  build: { sourcemap: true },
});
