import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Vite's production defaults (minified, hashed assets under /assets/), as a
// real app would ship; only the React plugin is added.
export default defineConfig({
  plugins: [react()],
});
