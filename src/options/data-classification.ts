import { ValidationError } from './validation-error';

/** How sensitive the data handled in a namespace is; pods and volumes must carry it. */
export class DataClassification {
  /** Data that may be published. */
  public static readonly PUBLIC = new DataClassification('public');
  /** Internal data: not for publication, low impact if disclosed. */
  public static readonly INTERNAL = new DataClassification('internal');
  /** Confidential data: customer or business data with access on a need-to-know basis. */
  public static readonly CONFIDENTIAL = new DataClassification('confidential');
  /** Restricted data: regulated or highly sensitive (PII, health, payment data). */
  public static readonly RESTRICTED = new DataClassification('restricted');

  /** Parses a classification name. */
  public static of(value: string): DataClassification {
    const found = [DataClassification.PUBLIC, DataClassification.INTERNAL, DataClassification.CONFIDENTIAL,
      DataClassification.RESTRICTED].find((c) => c.value === value);
    if (!found) {
      throw new ValidationError('dataClassification', value, 'Use one of "public", "internal", "confidential", "restricted".');
    }
    return found;
  }

  private constructor(
    /** The label value. */
    public readonly value: string,
  ) {}
}
