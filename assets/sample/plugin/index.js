module.exports = {
  sayHello(name) {
    return `Hello, ${name}!`;
  },
  answer: 42,
};
