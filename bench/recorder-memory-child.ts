/**
 * The recorder alone in its own process, for bench/recorder-memory.ts: sends `{url}`, then answers each IPC message
 * with its memory (bench/memory-over-ipc.ts). Usage: recorder-memory-child.ts TARGET OUT MAX_BODY
 */
import { startRecorder } from '../simulator/replay/index.ts';
import { answerMemoryOverIpc } from './memory-over-ipc.ts';

const [target, out, maxBody] = process.argv.slice(2);
const recorder = await startRecorder({ target: target ?? '', out: out ?? '', maxBodyBytes: Number(maxBody), sync: false, ifExists: 'overwrite' });
answerMemoryOverIpc(() => recorder.close());
process.send?.({ url: recorder.url });
