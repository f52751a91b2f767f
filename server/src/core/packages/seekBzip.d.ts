// Types for seek-bzip (it ships none): the one call decompress.ts makes.
declare module 'seek-bzip' {
  const Bunzip: { decode(input: Buffer, output: { writeByte(b: number): void }, multistream: boolean): void };
  export = Bunzip;
}
