import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const r = await build({ stdin:{contents:process.argv[2], resolveDir:'/work/wt-pkg', loader:'js'}, bundle:true, minify:true, format:'esm', write:false, external:['react','react-dom','react/*'], alias:{'react-chat-stream':'/work/wt-pkg/dist'} , define:{'process.env.NODE_ENV':'"production"'}});
console.log(r.outputFiles[0].contents.length, gzipSync(r.outputFiles[0].contents,{level:9}).length);
