// The simulator's address arithmetic is the model's (src/model/addresses.ts).
export { domainOf, isIpAddress, isUnset, localPartOf, parseIp, sameSubnet } from "../src/model/addresses";
