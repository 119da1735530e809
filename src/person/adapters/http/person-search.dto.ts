import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDateString,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ANY_PHONE } from '../../../kernel/domain/phone.js';
import { DOCUMENT_TYPES } from '../../domain/person.js';

/** A value with at least one character that is not whitespace (a name, a code, a number). */
const NOT_BLANK = /\S/;
const notBlank = { message: '$property must not be blank' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The name parameters both versions take; an empty optional one asks for a person without it. */
class SearchNamesQuery {
  @ApiProperty({ example: 'Петро', description: 'Compared after trimming and case folding' })
  @IsDefined()
  @IsString()
  @MaxLength(255)
  @Matches(NOT_BLANK, notBlank)
  first_name!: string;

  @ApiPropertyOptional({
    example: 'Миколайович',
    description: 'Absent: not compared; empty: a person without a second name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  second_name?: string;

  @ApiProperty({ example: '1991-08-19', format: 'date' })
  @IsDefined()
  @Matches(DATE, { message: 'must be a date in the form YYYY-MM-DD' })
  @IsDateString({ strict: true })
  birth_date!: string;

  @ApiPropertyOptional({ example: '3126509816', description: 'Compared exactly; answered back' })
  @IsOptional()
  @Matches(/^[0-9]{10}$/, { message: 'must match ^[0-9]{10}$' })
  tax_id?: string;

  @ApiPropertyOptional({
    example: '+380508887700',
    description: "One of the person's phones or the phone of an active OTP method; answered back",
  })
  @IsOptional()
  @Matches(ANY_PHONE, { message: 'must match ^\\+[0-9]{11,12}$' })
  phone_number?: string;
}

/** Query of `GET /api/persons` (the registry's v1 search). */
export class SearchPersonsV1Query extends SearchNamesQuery {
  @ApiProperty({
    example: 'Іванов',
    description: 'Required; an empty `last_name=` finds persons without a last name',
  })
  @IsDefined()
  @IsString()
  @MaxLength(255)
  last_name!: string;

  @ApiPropertyOptional({
    example: '123456',
    description: 'The number of a BIRTH_CERTIFICATE document, compared exactly',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(NOT_BLANK, notBlank)
  birth_certificate?: string;
}

const withDocument = (o: SearchPersonsV2Query): boolean =>
  o.document_type !== undefined || o.document_number !== undefined;

/** Query of `GET /api/v2/persons` (the registry's search over `names[]`). */
export class SearchPersonsV2Query extends SearchNamesQuery {
  @ApiProperty({
    example: 'uk',
    description: 'The `names[]` entry the name parameters are compared with, exactly',
  })
  @IsDefined()
  @IsString()
  @MaxLength(255)
  @Matches(NOT_BLANK, notBlank)
  language!: string;

  @ApiPropertyOptional({
    example: 'Іванов',
    description: 'Absent: not compared; empty: a person without a last name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  last_name?: string;

  @ApiPropertyOptional({
    enum: DOCUMENT_TYPES,
    example: 'PASSPORT',
    description: 'With document_number',
  })
  @ValidateIf(withDocument)
  @IsDefined()
  @IsIn(DOCUMENT_TYPES)
  document_type?: string;

  @ApiPropertyOptional({
    example: 'AK876345',
    description: 'With document_type; compared exactly; answered back',
  })
  @ValidateIf(withDocument)
  @IsDefined()
  @IsString()
  @MaxLength(64)
  @Matches(NOT_BLANK, notBlank)
  document_number?: string;
}
