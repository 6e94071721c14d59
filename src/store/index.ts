/** Storage: the Store port (shaped like Forge KVS) and its memory and file adapters; the KVS adapter is in src/forge. */
export * from './port';
export { MemoryStore } from './memory';
export { chunkOps, deleteChunkedOps, readChunked, writeOps } from './chunked';
