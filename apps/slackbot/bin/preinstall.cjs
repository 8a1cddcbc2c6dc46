// npm runs this before it installs the packed bot (`npm install -g offerops-slackbot-<version>.tgz`):
// for `engines` npm only warns (unless the installer set engine-strict), so an older Node is refused
// here, before anything is installed. Old syntax on purpose: it runs on whatever Node npm runs on.
"use strict"
var required = require("../package.json").engines.node.replace(/^>=\s*/, "")
var want = required.split(".").map(Number)
var have = process.versions.node.split(".").map(Number)
if (have[0] < want[0] || (have[0] === want[0] && have[1] < (want[1] || 0))) {
  console.error(
    "offerops-slackbot needs Node >= " + required + ", not " + process.version + ": install Node " + required +
      " or later (https://nodejs.org), then install offerops-slackbot again"
  )
  process.exit(1)
}
