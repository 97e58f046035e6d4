// PostGraphile 5.1 calls Promise.withResolvers (Node ≥ 22); the hub's machines run Node 20.
if (!Promise.withResolvers) {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
