// wx animation: wx.createAnimation, the Animation object of 界面 › 动画
// (api/ui/animation/Animation.html). Style and transform calls queue up; step(options)
// closes a group with its transition; export() hands the groups over as the `animation`
// attribute takes them and clears the queue.
(function (native, wx, fw) {
  'use strict';
  // The documented defaults of wx.createAnimation / Animation.step.
  const DEFAULTS = { duration: 400, timingFunction: 'linear', delay: 0, transformOrigin: '50% 50% 0' };
  const STYLES = ['opacity', 'backgroundColor', 'width', 'height', 'top', 'left', 'bottom', 'right'];
  const TRANSFORMS = ['rotate', 'rotateX', 'rotateY', 'rotateZ', 'rotate3d', 'scale', 'scaleX', 'scaleY', 'scaleZ', 'scale3d', 'translate', 'translateX', 'translateY', 'translateZ', 'translate3d', 'skew', 'skewX', 'skewY', 'matrix', 'matrix3d'];
  // Lengths given as numbers are px, as the base library writes them.
  const LENGTHS = new Set(['width', 'height', 'top', 'left', 'bottom', 'right']);
  const px = (v) => (typeof v === 'number' ? `${v}px` : v);

  wx.createAnimation = function (options) {
    const base = Object.assign({}, DEFAULTS, options || {});
    let actions = [];
    let current = [];
    const animation = {
      step(stepOptions) {
        const o = Object.assign({}, base, stepOptions || {});
        actions.push({
          animates: current,
          option: {
            transition: { duration: o.duration, timingFunction: o.timingFunction, delay: o.delay },
            transformOrigin: o.transformOrigin,
          },
        });
        current = [];
        return animation;
      },
      export() {
        const out = { actions };
        actions = [];
        return out;
      },
    };
    for (const name of STYLES) {
      animation[name] = function (value) {
        current.push({ type: 'style', args: [name, LENGTHS.has(name) ? px(value) : value] });
        return animation;
      };
    }
    for (const name of TRANSFORMS) {
      animation[name] = function (...args) {
        current.push({ type: name, args });
        return animation;
      };
    }
    return animation;
  };
});
