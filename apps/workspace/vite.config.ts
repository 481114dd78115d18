import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { serviceProxy, workspaceDevServer } from './dev-server/workspace-dev-server';

// `vite` (npm start), `vite build` (static files for production) and `vite preview` (the build, locally; the e2e test).
export default defineConfig({
  root: __dirname,
  plugins: [react(), workspaceDevServer()],
  server: { host: '127.0.0.1', port: Number(process.env['WORKSPACE_PORT'] ?? 3000), strictPort: true, proxy: serviceProxy() },
  preview: { host: '127.0.0.1', port: Number(process.env['WORKSPACE_PORT'] ?? 3000), strictPort: true, proxy: serviceProxy() },
  build: { outDir: process.env['WORKSPACE_OUT_DIR'] ?? path.join(__dirname, '..', '..', 'dist', 'apps', 'workspace'), emptyOutDir: true },
  clearScreen: false,
  logLevel: 'warn',
});
