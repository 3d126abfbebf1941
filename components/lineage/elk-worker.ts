// The layout worker: elk's own worker build answers the messages elk-api (elk-layout.ts) sends it.
import "elkjs/lib/elk-worker.min.js";
