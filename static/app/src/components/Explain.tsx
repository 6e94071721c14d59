import Button from '@atlaskit/button/new';
import { Box, Text } from '@atlaskit/primitives';
import { useId, useState } from 'react';

/**
 * "How is this computed?": a disclosure under a number with its formula, window and sample, in words.
 * The full definitions are in the app's metrics documentation.
 */
export function Explain({ label, children }: { label: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <Box>
      <Button
        appearance="subtle"
        spacing="compact"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        testId="explain"
      >
        {open ? 'Hide' : 'How is this computed?'}
        <span className="pmo-visually-hidden"> ({label})</span>
      </Button>
      {open && (
        <Box id={id} padding="space.100" backgroundColor="color.background.neutral.subtle">
          <Text size="small">{children}</Text>
        </Box>
      )}
    </Box>
  );
}
