"""Het domein: regels, waardetypen, aggregaten en gebeurtenissen van de verordening."""
