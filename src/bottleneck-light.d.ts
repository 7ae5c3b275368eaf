/** `bottleneck/light.js` (the build plugin-throttling uses: no clustering) has the full build's types. */
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
