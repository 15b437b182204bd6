import { port as validPort } from './validate';
import { ValidationError } from './validation-error';

/** A port and protocol a NetworkPolicy rule opens. */
export class NetworkPort {
  /** A TCP port. */
  public static tcp(port: number): NetworkPort {
    return new NetworkPort('TCP', validPort('port', port));
  }

  /** A UDP port. */
  public static udp(port: number): NetworkPort {
    return new NetworkPort('UDP', validPort('port', port));
  }

  /** A range of TCP ports, inclusive (NetworkPolicy `endPort`). */
  public static tcpRange(startPort: number, endPort: number): NetworkPort {
    validPort('startPort', startPort);
    validPort('endPort', endPort);
    if (endPort < startPort) {
      throw new ValidationError('endPort', endPort,
        `endPort must not be lower than startPort (${startPort}).`);
    }
    return new NetworkPort('TCP', startPort, endPort);
  }

  private constructor(
    /** TCP or UDP. */
    public readonly protocol: string,
    /** The port number. */
    public readonly port: number,
    /**
     * The last port of a range.
     * @default - a single port
     */
    public readonly endPort?: number,
  ) {}
}
