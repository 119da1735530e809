import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ANY_PHONE } from '../../../kernel/domain/phone.js';
import {
  DOCUMENT_TYPES,
  PHONE_TYPES,
  GENDERS,
  PERSON_STATUSES,
  VERIFICATION_STATUSES,
} from '../../domain/person.js';

export class PersonDocumentDto {
  @ApiProperty({ enum: DOCUMENT_TYPES, example: 'PASSPORT' })
  @IsDefined()
  @IsIn(DOCUMENT_TYPES)
  type!: string;

  @ApiProperty({ example: 'АА123456' })
  @IsDefined()
  @IsString()
  @Length(1, 64)
  number!: string;

  @ApiPropertyOptional({ example: '2015-04-01', format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  issued_at?: string;

  @ApiPropertyOptional({ example: '2035-04-01', format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  expiration_date?: string;
}

export class PersonPhoneDto {
  @ApiProperty({ enum: PHONE_TYPES, example: 'MOBILE' })
  @IsDefined()
  @IsIn(PHONE_TYPES)
  type!: string;

  @ApiProperty({ example: '+380971234567' })
  @IsDefined()
  @Matches(ANY_PHONE, { message: 'must match ^\\+[0-9]{11,12}$' })
  number!: string;
}

export class PersonAuthMethodDto {
  @ApiProperty({ enum: ['OTP', 'OFFLINE', 'THIRD_PERSON'], example: 'OTP' })
  @IsDefined()
  @IsIn(['OTP', 'OFFLINE', 'THIRD_PERSON'])
  type!: 'OTP' | 'OFFLINE' | 'THIRD_PERSON';

  @ApiPropertyOptional({ example: '+380971234567', description: 'OTP only' })
  @ValidateIf((o: PersonAuthMethodDto) => o.type === 'OTP' || o.phone_number !== undefined)
  @IsDefined()
  @Matches(/^\+380[0-9]{9}$/, { message: 'must match ^\\+380[0-9]{9}$' })
  phone_number?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'THIRD_PERSON only: the third person id' })
  @ValidateIf((o: PersonAuthMethodDto) => o.type === 'THIRD_PERSON' || o.value !== undefined)
  @IsDefined()
  @IsUUID()
  value?: string;

  @ApiPropertyOptional({ example: 'Mother' })
  @ValidateIf((o: PersonAuthMethodDto) => o.type === 'THIRD_PERSON' || o.alias !== undefined)
  @IsDefined()
  @IsString()
  @Length(1, 255)
  alias?: string;
}

export class CreatePersonDto {
  @ApiProperty({ example: 'Олена' })
  @IsDefined()
  @IsString()
  @Length(1, 255)
  first_name!: string;

  @ApiProperty({ example: 'Петренко' })
  @IsDefined()
  @IsString()
  @Length(1, 255)
  last_name!: string;

  @ApiPropertyOptional({ type: String, example: 'Іванівна', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  second_name?: string | null;

  @ApiProperty({ example: '1990-05-17', format: 'date' })
  @IsDefined()
  @IsDateString({ strict: true })
  birth_date!: string;

  @ApiPropertyOptional({ type: String, example: 'Україна', nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  birth_country?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Київ', nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  birth_settlement?: string | null;

  @ApiProperty({ enum: GENDERS, example: 'FEMALE' })
  @IsDefined()
  @IsIn(GENDERS)
  gender!: 'MALE' | 'FEMALE';

  @ApiPropertyOptional({ type: String, example: '3278409806', nullable: true })
  @IsOptional()
  @Matches(/^[0-9]{10}$/, { message: 'must match ^[0-9]{10}$' })
  tax_id?: string | null;

  @ApiProperty({ example: false })
  @IsDefined()
  @IsBoolean()
  no_tax_id!: boolean;

  @ApiPropertyOptional({ enum: PERSON_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(PERSON_STATUSES)
  status?: 'active' | 'inactive';

  @ApiPropertyOptional({ enum: VERIFICATION_STATUSES, default: 'VERIFICATION_NEEDED' })
  @IsOptional()
  @IsIn(VERIFICATION_STATUSES)
  verification_status?: (typeof VERIFICATION_STATUSES)[number];

  @ApiProperty({ type: [PersonDocumentDto] })
  @IsDefined()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PersonDocumentDto)
  documents!: PersonDocumentDto[];

  @ApiPropertyOptional({
    type: [PersonPhoneDto],
    example: [{ type: 'MOBILE', number: '+380971234567' }],
    description: "The person's contact phones (search finds a person by them)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PersonPhoneDto)
  phones?: PersonPhoneDto[];

  @ApiProperty({
    type: [PersonAuthMethodDto],
    example: [{ type: 'OTP', phone_number: '+380971234567' }],
  })
  @IsDefined()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PersonAuthMethodDto)
  authentication_methods!: PersonAuthMethodDto[];
}
