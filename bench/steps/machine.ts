// The machine a run was measured on, for the report.
import os from 'node:os';

export interface MachineInfo {
  cpus: string;
  memory: string;
  node: string;
  os: string;
}

export function machine(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: `${os.availableParallelism?.() ?? cpus.length} (nproc) × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}
