// What the host shares with the plugin: the plugin reads it with requireMiniProgram().
module.exports = {
  whoami: 'the mpsim sample host',
};
