'use strict';
// bench/peers driver for nodemailer and smtp-server (npm; versions in package-lock.json).
// Usage: node bench.js CONTENDER WORKLOAD INPUT OUTPUT REPS
//   nodemailer stuff:    its DataStream (lib/smtp-connection/data-stream: the Transform that
//                        SMTPConnection pipes a message through), fed the body in 64 KiB
//                        chunks, then end() (its flush writes the terminator)
//   smtp-server unstuff: its SMTPStream (lib/smtp-stream, the Writable a connection's socket is
//                        piped into) in data mode: startDataMode(), the wire input written in
//                        64 KiB chunks, the data stream read to its end; then continue() so
//                        the pipelined QUIT reaches oncommand; end = octets fed less the
//                        remainder it handed back after the terminator
//   nodemailer replies:  SMTPConnection's reply reader without a socket: _onData(chunk) with
//                        64 KiB chunks, one per event-loop turn (it splits lines, joins
//                        multi-line replies), each reply handed to the next of its
//                        _responseActions, as a session does
// The output chunks are kept as they come and joined after the clock stops.
// Prints RESULT CONTENDER WORKLOAD <bytes/s, median> <check fields>.
const fs = require('node:fs');
const path = require('node:path');

const modules = path.join(__dirname, 'node_modules');
const CHUNK = 65536;

function chunks(buffer) {
  const out = [];
  for (let at = 0; at < buffer.length; at += CHUNK) out.push(buffer.subarray(at, at + CHUNK));
  return out;
}

function stuff(input) {
  const DataStream = require(path.join(modules, 'nodemailer/dist/cjs/smtp-connection/data-stream.js'));
  return new Promise((resolve, reject) => {
    const parts = [];
    const stream = new DataStream();
    stream.on('data', (c) => parts.push(c));
    stream.on('error', reject);
    stream.on('end', () => resolve({parts}));
    for (const c of chunks(input)) stream.write(c);
    stream.end();
  });
}

function unstuff(input) {
  const {SMTPStream} = require(path.join(modules, 'smtp-server/dist/cjs/smtp-stream.js'));
  return new Promise((resolve, reject) => {
    const parts = [];
    const stream = new SMTPStream();
    let fed = 0;
    let end = -1;
    const endDataMode = stream._endDataMode.bind(stream);
    stream._endDataMode = (chunk, remainder, callback) => {
      end = fed - remainder.length;  // the remainder is the tail of the chunk just fed
      endDataMode(chunk, remainder, callback);
    };
    stream.oncommand = (command, callback) => {
      if (command.toString() !== 'QUIT') reject(new Error('unexpected command ' + command));
      resolve({parts, extra: 'end=' + end});
      if (callback) callback();
    };
    stream.on('error', reject);
    const data = stream.startDataMode();
    data.on('data', (c) => parts.push(c));
    data.on('end', () => stream.continue());
    const list = chunks(input);
    let i = 0;
    const next = () => {
      if (i === list.length) return;
      const c = list[i++];
      fed += c.length;
      stream.write(c, next);
    };
    next();
  });
}

function replies(input) {
  const SMTPConnection = require(path.join(modules, 'nodemailer/dist/cjs/smtp-connection/index.js'));
  return new Promise((resolve, reject) => {
    const conn = new SMTPConnection({});
    let count = 0, lines = 0, sum = 0, hash = 0;
    const action = function (str) {
      const code = Number.parseInt(str.slice(0, 3), 10);
      count++;
      lines += str.split('\n').length;
      sum += code;
      hash = (Math.imul(hash, 31) + code) >>> 0;
      conn._responseActions.push(action);
    };
    conn._responseActions.push(action);
    conn.on('error', reject);
    // One chunk per event-loop turn, the next once the replies of this one are handed out,
    // as socket reads come (feeding all at once would grow its queue to every reply).
    const list = chunks(input);
    let i = 0;
    const step = () => {
      // When a chunk ends inside a multi-line reply, _onData hands out nothing until the
      // next chunk (the socket's next read) comes.
      if (conn._responseQueue.length && !conn._responsePartial) return setImmediate(step);
      if (i < list.length) {
        conn._onData(list[i++]);
        return setImmediate(step);
      }
      if (conn._remainder.length || conn._responseQueue.length) return reject(new Error('input ended inside a reply'));
      // let a scheduled _processResponse find the queue empty
      setImmediate(() => resolve({extra: `replies=${count} lines=${lines} sum=${sum} hash=${hash}`}));
    };
    step();
  });
}

async function main() {
  const [contender, workload, inputPath, outputPath, repsText] = process.argv.slice(2);
  const work = {'nodemailer stuff': stuff, 'smtp-server unstuff': unstuff, 'nodemailer replies': replies}[
    contender + ' ' + workload];
  if (!work) throw new Error('unknown contender/workload ' + contender + ' ' + workload);
  const reps = Math.max(1, Number.parseInt(repsText, 10) || 1);
  const input = fs.readFileSync(inputPath);
  const times = [];
  let result;
  for (let r = 0; r < reps; r++) {
    const start = process.hrtime.bigint();
    result = await work(input);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  if (result.parts) fs.writeFileSync(outputPath, Buffer.concat(result.parts));
  const rate = input.length / times[Math.floor(times.length / 2)];
  console.log(`RESULT ${contender} ${workload} ${rate.toFixed(0)} ${result.extra || ''}`);
}

main().catch((e) => {
  console.error('node driver:', e);
  process.exit(1);
});
