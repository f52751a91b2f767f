// A fetch that is made the first time it is called (the package index sync worker's downloads: networkFetch.ts, its own bundle),
// so that nothing is read or loaded for the network until a download is asked for. A make that fails is tried
// again at the next call.
import type { FetchFunction } from './core/packages/fetchResource';

export function fetchAtFirstUse(make: () => Promise<FetchFunction | undefined>): FetchFunction {
  let made: Promise<FetchFunction> | undefined;
  return (url, init) => {
    made ??= make().then(
      (f) => f ?? ((u, i) => fetch(u, i)),
      (err: unknown) => {
        made = undefined;
        throw err;
      },
    );
    return made.then((f) => f(url, init));
  };
}
